"""Geodesic geometry: buffers, distance bands and sectors in metres on WGS84."""
