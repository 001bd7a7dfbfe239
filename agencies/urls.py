from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.AgencyList.as_view(), name="list"),
    path("baru/", views.AgencyCreate.as_view(), name="create"),
    path("impor/", views.AgencyImport.as_view(), name="import"),
    path("impor/templat.<str:fmt>", views.import_template, name="import_template"),
    path("kabkota/", views.regency_options, name="regency_options"),
    path("wilayah/", views.RegionList.as_view(), name="regions"),
    path("wilayah/<str:code>/", views.RegionDetail.as_view(), name="region"),
    path("<int:pk>/", views.AgencyDetail.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.AgencyUpdate.as_view(), name="update"),
    path("<int:pk>/anggota/", views.MembershipAdd.as_view(), name="membership_add"),
    path("anggota/<int:pk>/hapus/", views.membership_remove, name="membership_remove"),
]
