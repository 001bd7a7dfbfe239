from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from rakor import views

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("instansi/", include("agencies.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
