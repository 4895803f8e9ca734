"""Reports as GeoDataFrames; spatial, source, confidence and date queries."""
