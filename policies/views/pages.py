"""The URL patterns of the managed-policy pages (list, detail, create, edit, builder...)."""

from . import authoring, builder, delete, detail, entities, managed, summary, tags, versions

urlpatterns = [
    *managed.urlpatterns,
    *authoring.urlpatterns,
    *delete.urlpatterns,
    *detail.urlpatterns,
    *summary.urlpatterns,
    *versions.urlpatterns,
    *entities.urlpatterns,
    *tags.urlpatterns,
    *builder.urlpatterns,
]
