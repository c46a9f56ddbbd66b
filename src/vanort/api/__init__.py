"""REST API (django-ninja): one router module per domain; errors as 4xx JSON."""
