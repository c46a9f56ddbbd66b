"""Server-rendered web UI (Swedish first; English and Ukrainian)."""
