from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vanort.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Search keeps its index itself: it watches the writes of the apps it describes
        (the domains below it do not know it exists)."""
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate

        from vanort.search.index import install_watch, migrated, migrating, record_changed

        connection_created.connect(install_watch, dispatch_uid="search-index-watch")
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(record_changed, dispatch_uid=f"search-index-{signal.__class__.__name__}-{id(signal)}")
        pre_migrate.connect(migrating, dispatch_uid="search-index-migrating")
        post_migrate.connect(migrated, dispatch_uid="search-index-migrated")
