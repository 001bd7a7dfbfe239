from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.AgencyList.as_view(), name="list"),
    path("<int:pk>/", views.AgencyDetail.as_view(), name="detail"),
]
