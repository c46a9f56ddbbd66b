"""The register of places, twin towns, partnerships, activities, actors and sources."""
