"""Explicit opt-in to an online geopy geocoder, rate-limited; never imported by default.

Nothing in geoclaims calls this module: the library stays offline unless a user
builds an online geocoder here. Errors raised before any request (unknown
service, missing user agent or API key) are :class:`ConfigurationError`; errors of
the service itself (timeouts, quota, bad answers) are :class:`OnlineGeocodingError`,
chained from the geopy exception.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from geoclaims.errors import ConfigurationError, OnlineGeocodingError

if TYPE_CHECKING:
    from geopy.location import Location

#: Services whose usage policy allows at most one request per second (OSMF
#: Nominatim policy, https://operations.osmfoundation.org/policies/nominatim/;
#: geopandas throttles Nominatim the same way).
ONE_PER_SECOND_SERVICES = frozenset({"nominatim"})
#: Retries after a service error, and the wait between them (geopy's defaults).
MAX_RETRIES = 2
ERROR_WAIT_SECONDS = 5.0


class OnlineGeocoder:
    """A geopy geocoder behind geopy's ``RateLimiter``, raising geoclaims errors.

    Build it with :func:`online_geocoder`. ``geocode`` and ``reverse`` share one
    rate limiter and take the arguments of the wrapped geopy geocoder.

    Attributes
    ----------
    service : str
        The geopy service name ("nominatim").
    geocoder : geopy.geocoders.base.Geocoder
        The wrapped geopy geocoder.
    min_delay_seconds : float
        Least time between two requests.
    """

    def __init__(
        self,
        service: str,
        geocoder: Any,
        *,
        min_delay_seconds: float,
        max_retries: int = MAX_RETRIES,
        error_wait_seconds: float = ERROR_WAIT_SECONDS,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.service = service
        self.geocoder = geocoder
        self.min_delay_seconds = min_delay_seconds
        # One limiter for both methods: the service's quota counts all requests.
        self._limited = RateLimiter(
            self._dispatch,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )

    def __repr__(self) -> str:
        return (
            f"OnlineGeocoder(service={self.service!r}, "
            f"min_delay_seconds={self.min_delay_seconds})"
        )

    def _dispatch(self, method: str, query: Any, /, **kwargs: Any) -> Any:
        return getattr(self.geocoder, method)(query, **kwargs)

    def _call(self, method: str, query: Any, kwargs: dict[str, Any]) -> Any:
        from geopy.exc import GeopyError

        try:
            return self._limited(method, query, **kwargs)
        except GeopyError as err:
            raise OnlineGeocodingError(
                f"{self.service} {method}({query!r}) failed: "
                f"{type(err).__name__}: {err}"
            ) from err

    def geocode(self, query: Any, **kwargs: Any) -> Location | list[Location] | None:
        """Geocode with the online service (one network request, rate-limited).

        Parameters
        ----------
        query : str or dict
            As the wrapped geopy geocoder's ``geocode``.
        **kwargs
            Passed to it (``exactly_one``, ``timeout``, ``country_codes`` ...).

        Returns
        -------
        geopy.location.Location, list of Location, or None
            What the service returned.

        Raises
        ------
        OnlineGeocodingError
            If the service fails after the retries (``__cause__`` is geopy's error).
        """
        return self._call("geocode", query, kwargs)

    def reverse(self, query: Any, **kwargs: Any) -> Location | list[Location] | None:
        """Reverse-geocode with the online service (rate-limited).

        Parameters
        ----------
        query : str, (lat, lon) or geopy.point.Point
            **Latitude first**, as in geopy; build it with :func:`latlon_query`.
        **kwargs
            Passed to the wrapped geocoder's ``reverse``.

        Returns
        -------
        geopy.location.Location, list of Location, or None
            What the service returned.

        Raises
        ------
        OnlineGeocodingError
            If the service fails after the retries.
        """
        return self._call("reverse", query, kwargs)

    __call__ = geocode


def latlon_query(lon: float, lat: float) -> tuple[float, float]:
    """The ``(lat, lon)`` pair geopy expects, from geoclaims' ``(lon, lat)`` order.

    Examples
    --------
    >>> latlon_query(35.27, 51.19)
    (51.19, 35.27)
    """
    return (float(lat), float(lon))


def online_geocoder(
    service: str,
    *,
    user_agent: str,
    min_delay_seconds: float = 1.0,
    max_retries: int = MAX_RETRIES,
    error_wait_seconds: float = ERROR_WAIT_SECONDS,
    **kwargs: Any,
) -> OnlineGeocoder:
    """Opt in to an online geopy geocoder, rate-limited.

    Building it sends nothing; each ``geocode``/``reverse`` call sends a request
    to the service, no sooner than ``min_delay_seconds`` after the previous one.

    Parameters
    ----------
    service : str
        A geopy service name (``geopy.geocoders.SERVICE_TO_GEOCODER``), e.g.
        ``"nominatim"``, ``"photon"``.
    user_agent : str
        Identifies your application to the service (required by most usage
        policies, Nominatim's among them).
    min_delay_seconds : float, default 1.0
        Least seconds between two requests; at least 1 for Nominatim.
    max_retries : int, default 2
        Retries after a service error before giving up.
    error_wait_seconds : float, default 5.0
        Seconds to wait before a retry; at least ``min_delay_seconds``.
    **kwargs
        Passed to the geopy geocoder class (``api_key``, ``domain``, ``timeout`` ...).

    Returns
    -------
    OnlineGeocoder
        With ``geocode`` and ``reverse`` methods; calling it geocodes.

    Raises
    ------
    ConfigurationError
        If ``user_agent`` is missing or empty, the service is unknown to geopy,
        the delay or retry settings are invalid, or geopy rejects the settings.

    Examples
    --------
    >>> coder = online_geocoder("nominatim", user_agent="my-app/1.0 (me@example.org)")
    >>> coder.geocode("Sudzha, Russia")                   # doctest: +SKIP
    Location(Суджа, Суджанский район, Курская область, ..., (51.19, 35.27, 0.0))
    """
    from geopy.exc import GeocoderNotFound, GeopyError
    from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

    if not isinstance(user_agent, str) or not user_agent.strip():
        raise ConfigurationError(
            f"user_agent must be a non-empty str naming your application, got "
            f"{user_agent!r}. Online services ask for one, e.g. "
            "user_agent='my-app/1.0 (me@example.org)'."
        )
    if not isinstance(service, str) or not service.strip():
        raise ConfigurationError(
            f"service must be a geopy service name, got {service!r}"
        )
    name = service.strip().lower()
    if not (
        isinstance(min_delay_seconds, int | float)
        and math.isfinite(min_delay_seconds)
        and min_delay_seconds >= 0
    ):
        raise ConfigurationError(
            f"min_delay_seconds must be a number >= 0, got {min_delay_seconds!r}"
        )
    if name in ONE_PER_SECOND_SERVICES and min_delay_seconds < 1.0:
        raise ConfigurationError(
            f"{name} allows at most one request per second, got "
            f"min_delay_seconds={min_delay_seconds!r}; use 1.0 or more."
        )
    if (
        isinstance(max_retries, bool)
        or not isinstance(max_retries, int)
        or max_retries < 0
    ):
        raise ConfigurationError(
            f"max_retries must be an int >= 0, got {max_retries!r}"
        )
    if not (
        isinstance(error_wait_seconds, int | float)
        and math.isfinite(error_wait_seconds)
        and error_wait_seconds >= 0
    ):
        raise ConfigurationError(
            f"error_wait_seconds must be a number >= 0, got {error_wait_seconds!r}"
        )
    if error_wait_seconds < min_delay_seconds:
        # geopy's RateLimiter asserts this; say it as a configuration error instead.
        raise ConfigurationError(
            f"error_wait_seconds ({error_wait_seconds!r}) must be at least "
            f"min_delay_seconds ({min_delay_seconds!r})"
        )
    try:
        cls = get_geocoder_for_service(name)
    except GeocoderNotFound as err:
        raise ConfigurationError(
            f"unknown geopy service {service!r}; choose one of "
            f"{', '.join(sorted(SERVICE_TO_GEOCODER))}"
        ) from err
    try:
        geocoder = cls(user_agent=user_agent.strip(), **kwargs)
    except GeopyError as err:
        raise ConfigurationError(
            f"cannot build the online geocoder {service!r}: {err}"
        ) from err
    return OnlineGeocoder(
        name,
        geocoder,
        min_delay_seconds=float(min_delay_seconds),
        max_retries=max_retries,
        error_wait_seconds=float(error_wait_seconds),
    )
