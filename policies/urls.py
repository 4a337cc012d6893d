"""URLs of the policies app's console pages: each view module lists its own patterns."""

from .views import analysis, editor, guard_rails, pages, simulator

app_name = "policies"

urlpatterns = [
    *editor.urlpatterns,
    *pages.urlpatterns,
    *simulator.urlpatterns,
    *analysis.urlpatterns,
    *guard_rails.urlpatterns,
]
