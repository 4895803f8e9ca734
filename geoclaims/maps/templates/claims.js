/* geoclaims claims layer: draws claims from a JSON payload, filters them by
 * confidence grade, source and event date, and builds popups with DOM text nodes
 * only (no innerHTML anywhere), so text from documents is never parsed as HTML. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(url) {
    if (typeof url !== "string") return null;
    var trimmed = url.trim();
    return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : null;
  }

  function lineSample(colour, dash) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
    line.setAttribute("x2", "27"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", colour);
    line.setAttribute("stroke-width", "2.5");
    if (dash) line.setAttribute("stroke-dasharray", dash);
    svg.appendChild(line);
    return svg;
  }

  /* Geometries arrive as [0, x, y] points, [1, rings] polygons or [2, polygons],
   * integer coordinates (data.scale per degree), rings delta-encoded. */
  function decodeRing(flat, scale) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      out.push([x / scale, y / scale]);
    }
    return out;
  }

  function decodeGeometry(g, scale) {
    if (g[0] === 0) return { type: "Point", coordinates: [g[1] / scale, g[2] / scale] };
    var poly = function (rings) { return rings.map(function (r) { return decodeRing(r, scale); }); };
    if (g[0] === 1) return { type: "Polygon", coordinates: poly(g[1]) };
    return { type: "MultiPolygon", coordinates: g[1].map(poly) };
  }

  function ClaimsLayer(map, data) {
    this.map = map;
    this.data = data;
    this.state = { grade: {}, time: [0, Math.max(0, data.dates.length - 1)], undated: true };
    var self = this;
    data.groups.forEach(function (group) {
      self.state[group.key] = group.names.map(function () { return true; });
    });
    data.grades.forEach(function (g) { self.state.grade[g] = true; });
    this.renderer = data.canvas ? L.canvas({ padding: 0.3 }) : L.svg({ padding: 0.3 });
    this.areas = L.featureGroup().addTo(map);
    this.points = data.cluster && L.markerClusterGroup
      ? L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40 })
      : L.featureGroup();
    this.points.addTo(map);
    this.layers = data.features.map(function (f, i) { return self.makeLayer(f, i); });
    // One handler per group rather than one popup and tooltip bound per feature:
    // 10,000 claims load in a fraction of the time.
    [this.areas, this.points].forEach(function (group) {
      group.on("click", function (e) {
        var layer = e.propagatedFrom || e.layer;
        if (!layer || layer._gcFeature === undefined) return;
        L.popup({ maxWidth: 360 }).setLatLng(e.latlng)
          .setContent(self.popup(data.features[layer._gcFeature])).openOn(map);
      });
      group.on("mouseover", function (e) {
        var layer = e.propagatedFrom || e.layer;
        if (!layer || layer._gcFeature === undefined || layer._gcTip) return;
        layer._gcTip = true;
        layer.bindTooltip(function () { return self.tooltip(data.features[layer._gcFeature]); },
                          { sticky: true });
        layer.openTooltip(e.latlng);
      });
    });
    this.apply();
  }

  ClaimsLayer.prototype.makeLayer = function (f, i) {
    var data = this.data, claim = data.claims[f[0]];
    var geom = decodeGeometry(data.geoms[f[1]], data.scale);
    var grade = data.grades[claim.g], colour = data.colours[grade];
    var dash = data.dashes[String(f[2])] || null;
    var layer;
    var common = {
      renderer: this.renderer, color: colour, weight: 2, opacity: 0.95,
      dashArray: dash, fillColor: colour, className: "gc-feature gc-" + grade
    };
    if (geom.type === "Point") {
      var r = claim.n ? Math.min(30, 4 + 2.5 * Math.sqrt(claim.n)) : (f[2] === 1 ? 6 : 8);
      common.radius = r;
      common.fillOpacity = 0.75;
      layer = L.circleMarker([geom.coordinates[1], geom.coordinates[0]], common);
      layer._gcPoint = true;
    } else {
      common.fillOpacity = f[2] === 3 ? 0.10 : 0.22;
      layer = L.GeoJSON.geometryToLayer({ type: "Feature", geometry: geom }, common);
    }
    layer._gcClaim = f[0];
    layer._gcFeature = i;
    return layer;
  };

  ClaimsLayer.prototype.str = function (i) {
    return i === undefined || i === null || i < 0 ? "" : this.data.strings[i];
  };

  ClaimsLayer.prototype.strs = function (list) {
    var self = this;
    return (list || []).map(function (i) { return self.str(i); });
  };

  ClaimsLayer.prototype.tooltip = function (f) {
    var self = this, data = this.data, claim = data.claims[f[0]];
    var places = (claim.p || []).map(function (p) { return self.str(p[0]); }).join(", ");
    var box = el("span", "gc-tip");
    box.appendChild(el("b", null, places || this.str(f[3])));
    box.appendChild(document.createTextNode(" · " + data.grades[claim.g] +
      (claim.n ? " · " + claim.n + " claims" : "")));
    return box;
  };

  ClaimsLayer.prototype.popup = function (f) {
    var self = this, data = this.data, claim = data.claims[f[0]];
    var grade = data.grades[claim.g];
    var box = el("div", "gc-popup");
    var badge = el("span", "gc-badge", grade);
    badge.style.background = data.colours[grade];
    badge.style.color = data.text_colours[grade];
    box.appendChild(badge);
    if (this.str(claim.l)) box.appendChild(el("span", "gc-likelihood", this.str(claim.l)));
    if (claim.n) {
      box.appendChild(el("p", "gc-statement", claim.n + " claims in this area; for example:"));
      var list = el("ul", "gc-examples");
      (claim.ex || []).forEach(function (s) { list.appendChild(el("li", null, s)); });
      box.appendChild(list);
    } else {
      box.appendChild(el("p", "gc-statement", claim.s));
    }
    var rows = el("dl", "gc-facts");
    function fact(label, value) {
      if (value === null || value === undefined || value === "") return;
      rows.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (value.nodeType) dd.appendChild(value); else dd.textContent = String(value);
      rows.appendChild(dd);
    }
    fact("Sources", this.strs(claim.c).join(" \u2192 "));
    fact("Cues", this.strs(claim.cu).join(", "));
    var dp = this.str(claim.dp);
    if (claim.d >= 0) fact("Date", data.dates[claim.d] + (dp ? " (" + dp + ")" : ""));
    fact("Quantities", (claim.q || []).join("; "));
    fact("Places", (claim.p || []).map(function (p) {
      // The document's own spelling, where it differs, beside the display name.
      var name = self.str(p[0]) + (p.length > 2 ? " \u00ab" + self.str(p[2]) + "\u00bb" : "");
      return p[1] ? name + " (GeoNames " + p[1] + ")" : name;
    }).join(", "));
    fact("Footprint", this.str(f[3]) + (f[4] !== null ? " \u00b1 " + f[4] + " km" : ""));
    var code = f[5];
    if (code !== null && code !== undefined && data.location_precision[String(code)]) {
      fact("Location precision", code + " \u2013 " + data.location_precision[String(code)]);
    }
    var href = safeHref(claim.u);
    if (href) {
      var a = el("a", null, this.str(claim.doc) || "document");
      a.setAttribute("href", href);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer nofollow");
      fact("Document", a);
    } else if (this.str(claim.doc)) {
      fact("Document", this.str(claim.doc));
    }
    box.appendChild(rows);
    return box;
  };

  ClaimsLayer.prototype.visible = function (claim) {
    var st = this.state, data = this.data;
    if (!st.grade[data.grades[claim.g]]) return false;
    for (var k = 0; k < data.groups.length; k++) {
      var key = data.groups[k].key, ids = claim.k[k];
      if (!ids.length) continue;
      var any = false;
      for (var j = 0; j < ids.length; j++) { if (st[key][ids[j]]) { any = true; break; } }
      if (!any) return false;
    }
    if (data.dates.length) {
      if (claim.d < 0) return st.undated;
      return claim.d >= st.time[0] && claim.d <= st.time[1];
    }
    return true;
  };

  ClaimsLayer.prototype.apply = function () {
    var self = this, showPoints = [], n = 0;
    var claimVisible = this.data.claims.map(function (c) { return self.visible(c); });
    this.areas.clearLayers();
    this.points.clearLayers();
    this.layers.forEach(function (layer) {
      if (!claimVisible[layer._gcClaim]) return;
      n += 1;
      if (layer._gcPoint) showPoints.push(layer); else self.areas.addLayer(layer);
    });
    if (this.points.addLayers) this.points.addLayers(showPoints);
    else showPoints.forEach(function (l) { self.points.addLayer(l); });
    (this.unlocated || []).forEach(function (item) {
      item.node.hidden = !claimVisible[item.claim];
    });
    this.map.getContainer().setAttribute("data-gc-visible", String(n));
    if (this.onchange) this.onchange(n);
  };

  function checkboxRow(label, checked, onchange, swatch, count) {
    var row = el("label", "gc-row");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onchange(box.checked); });
    row.appendChild(box);
    if (swatch) {
      var s = el("span", "gc-swatch");
      s.style.background = swatch;
      row.appendChild(s);
    }
    row.appendChild(el("span", "gc-label", label));
    if (count !== undefined) row.appendChild(el("span", "gc-count", count));
    return row;
  }

  function buildControl(layer) {
    var data = layer.data;
    var Control = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var box = el("div", "gc-control leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var toggle = el("button", "gc-toggle", "Layers");
        toggle.type = "button";
        var body = el("div", "gc-body");
        toggle.addEventListener("click", function () {
          body.hidden = !body.hidden;
        });
        box.appendChild(toggle);
        box.appendChild(body);

        var grades = el("fieldset", "gc-group");
        grades.setAttribute("data-group", "grade");
        grades.appendChild(el("legend", null, "Confidence"));
        data.grades.forEach(function (g) {
          var row = checkboxRow(g, true, function (on) { layer.state.grade[g] = on; layer.apply(); },
                                data.colours[g], data.counts.grade[g]);
          row.setAttribute("data-name", g);
          grades.appendChild(row);
        });
        body.appendChild(grades);

        data.groups.forEach(function (group) {
          if (!group.names.length) return;
          var set = el("fieldset", "gc-group");
          set.setAttribute("data-group", group.key);
          set.appendChild(el("legend", null, group.label));
          var boxes = [];
          group.names.forEach(function (name, i) {
            var row = checkboxRow(name, true, function (on) {
              layer.state[group.key][i] = on; layer.apply();
            }, null, data.counts[group.key][i]);
            row.setAttribute("data-name", name);
            boxes.push(row.querySelector("input"));
            set.appendChild(row);
          });
          if (group.names.length > 3) {
            var all = el("button", "gc-all", "all / none");
            all.type = "button";
            all.addEventListener("click", function () {
              var on = !boxes.every(function (b) { return b.checked; });
              boxes.forEach(function (b, i) { b.checked = on; layer.state[group.key][i] = on; });
              layer.apply();
            });
            set.appendChild(all);
          }
          body.appendChild(set);
        });

        if (data.dates.length > 1) {
          var time = el("fieldset", "gc-group gc-time");
          time.setAttribute("data-group", "time");
          time.appendChild(el("legend", null, "Event date"));
          var label = el("div", "gc-range-label");
          var from = el("input"), to = el("input");
          [from, to].forEach(function (input, k) {
            input.type = "range";
            input.min = "0";
            input.max = String(data.dates.length - 1);
            input.value = String(k === 0 ? 0 : data.dates.length - 1);
            input.setAttribute("aria-label", k === 0 ? "from date" : "to date");
            input.className = k === 0 ? "gc-from" : "gc-to";
          });
          function update() {
            var a = Number(from.value), b = Number(to.value);
            if (a > b) { var t = a; a = b; b = t; }
            layer.state.time = [a, b];
            label.textContent = data.dates[a] + " \u2013 " + data.dates[b];
            layer.apply();
          }
          from.addEventListener("input", update);
          to.addEventListener("input", update);
          time.appendChild(label);
          time.appendChild(from);
          time.appendChild(to);
          time.appendChild(checkboxRow("undated claims", true, function (on) {
            layer.state.undated = on; layer.apply();
          }));
          label.textContent = data.dates[0] + " \u2013 " + data.dates[data.dates.length - 1];
          body.appendChild(time);
        }

        var unlocated = [];
        data.claims.forEach(function (c, i) { if (c.m === false) unlocated.push(i); });
        if (unlocated.length) {
          var details = el("details", "gc-group gc-unlocated");
          details.appendChild(el("summary", null, "Not on the map (" + unlocated.length + ")"));
          var list = el("ul");
          layer.unlocated = unlocated.map(function (i) {
            var c = data.claims[i], item = el("li");
            var badge = el("span", "gc-badge", data.grades[c.g]);
            badge.style.background = data.colours[data.grades[c.g]];
            badge.style.color = data.text_colours[data.grades[c.g]];
            item.appendChild(badge);
            item.appendChild(document.createTextNode(" " + c.s));
            if ((c.c || []).length) {
              item.appendChild(el("div", "gc-chain", layer.strs(c.c).join(" \u2192 ")));
            }
            list.appendChild(item);
            return { claim: i, node: item };
          });
          details.appendChild(list);
          body.appendChild(details);
          layer.apply();
        }

        var legend = el("fieldset", "gc-group gc-legend");
        legend.appendChild(el("legend", null, "Outline = precision"));
        Object.keys(data.precision).forEach(function (k) {
          var row = el("div", "gc-row");
          row.appendChild(lineSample("#444", data.dashes[k]));
          row.appendChild(el("span", "gc-label", data.precision[k]));
          legend.appendChild(row);
        });
        body.appendChild(legend);

        // The UCDP GED location precision codes that the popups name.
        var codes = el("fieldset", "gc-group gc-location-precision");
        codes.setAttribute("data-group", "location-precision");
        codes.appendChild(el("legend", null, "Location precision (UCDP GED)"));
        Object.keys(data.location_precision).forEach(function (k) {
          var row = el("div", "gc-row");
          row.setAttribute("data-code", k);
          row.appendChild(el("span", "gc-code", k));
          row.appendChild(el("span", "gc-label", data.location_precision[k]));
          codes.appendChild(row);
        });
        body.appendChild(codes);
        return box;
      }
    });
    return new Control();
  }

  function buildHeader(data) {
    var Header = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = el("div", "gc-header");
        if (data.title) box.appendChild(el("div", "gc-title", data.title));
        box.appendChild(el("div", "gc-summary", data.summary));
        return box;
      }
    });
    return new Header();
  }

  function drawBasemap(map, base) {
    var pane = map.createPane("gc-basemap");
    pane.style.zIndex = 250;
    var labelPane = map.createPane("gc-labels");
    labelPane.style.zIndex = 450;
    labelPane.style.pointerEvents = "none";
    var renderer = L.svg({ pane: "gc-basemap" });
    var st = base.style;
    function collection(list) {
      return { type: "FeatureCollection", features: list.map(function (g) {
        return { type: "Feature", properties: {}, geometry: decodeGeometry(g, base.scale) };
      }) };
    }
    var countries = collection(base.countries);
    var common = { pane: "gc-basemap", renderer: renderer, interactive: false };
    L.geoJSON(countries, L.extend({ style: { stroke: false, fillColor: st.land, fillOpacity: 1 } },
                                  common)).addTo(map);
    L.geoJSON(collection(base.admin1), L.extend({
      style: { color: st.admin1, weight: 0.7, fill: false } }, common)).addTo(map);
    L.geoJSON(countries, L.extend({ style: { color: st.country, weight: 1.4, fill: false } },
                                  common)).addTo(map);
    (base.labels || []).forEach(function (label) {
      var span = el("span", label[3] === 0 ? "gc-country-label" : "gc-place-label", label[0]);
      span.style.color = st.label;
      L.marker([label[2], label[1]], {
        pane: "gc-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "gc-label", html: span, iconSize: null })
      }).addTo(map);
    });
    map.getContainer().style.background = st.sea;
  }

  window.geoclaimsMap = function (map, dataElementId) {
    var data = JSON.parse(document.getElementById(dataElementId).textContent);
    // Clustering needs a deepest zoom even when no tile layer sets one (offline).
    if (data.tiles) {
      // The attribution arrives escaped as HTML text (Leaflet inserts it as markup).
      L.tileLayer(data.tiles.url, {
        attribution: data.tiles.attribution, maxZoom: data.tiles.max_zoom,
        subdomains: data.tiles.subdomains
      }).addTo(map);
    }
    if (map.options.maxZoom === undefined) {
      map.setMaxZoom(data.tiles ? data.tiles.max_zoom : data.max_zoom);
    }
    if (data.base) drawBasemap(map, data.base);
    var layer = new ClaimsLayer(map, data);
    buildHeader(data).addTo(map);
    buildControl(layer).addTo(map);
    map.attributionControl.addAttribution(data.attribution);
    if (data.bounds) map.fitBounds(data.bounds, { padding: [20, 20], maxZoom: 10 });
    window.geoclaimsLayers = window.geoclaimsLayers || {};
    window.geoclaimsLayers[dataElementId] = layer;
    return layer;
  };
})();
