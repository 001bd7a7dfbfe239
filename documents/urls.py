from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.verify_upload_view, name="verify"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/unduh/", views.public_download, name="download"),
]
