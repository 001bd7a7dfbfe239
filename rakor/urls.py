from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from rakor import forms, views
from rakor.ratelimit import limit_public_posts

urlpatterns = [
    path("", views.home, name="home"),
    # Django's account views with our forms (Indonesian wording; reset mail through the task runner);
    # the include below supplies the rest under the same names.
    path("akun/login/", auth_views.LoginView.as_view(form_class=forms.LoginForm), name="login"),
    path(
        "akun/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "akun/password_reset/",
        limit_public_posts("password_reset")(
            auth_views.PasswordResetView.as_view(form_class=forms.PasswordResetForm)
        ),
        name="password_reset",
    ),
    path(
        "akun/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("instansi/", include("agencies.urls")),
    path("rapat/", include("meetings.urls")),
    path("notula/", include("minutes.urls")),
    path("program/", include("programs.urls")),
    # Short: printed under the QR code of every issued document.
    path("v/", include("documents.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
