from django.urls import path

from programs.views import agreements, aspirations, entry, matrix, nomenclature, realization

app_name = "programs"

urlpatterns = [
    path("", entry.ProgramList.as_view(), name="list"),
    path("baru/", entry.ProgramCreate.as_view(), name="create"),
    path("<int:pk>/", entry.ProgramDetail.as_view(), name="detail"),
    path("<int:pk>/ubah/", entry.ProgramUpdate.as_view(), name="update"),
    path("<int:pk>/target/baru/", entry.TargetCreate.as_view(), name="target_create"),
    path("target/<int:pk>/ubah/", entry.TargetUpdate.as_view(), name="target_update"),
    path("target/<int:pk>/hapus/", entry.target_delete, name="target_delete"),
    path("impor/<int:agency_id>/<int:year>/", entry.import_targets, name="import"),
    path("impor/<int:agency_id>/<int:year>/templat.xlsx", entry.import_template, name="import_template"),
    path("matriks/", matrix.matrix_index, name="matrix_index"),
    path("matriks/<str:province>/<int:year>/", matrix.matrix, name="matrix"),
    path("matriks/<str:province>/<int:year>/matriks.xlsx", matrix.matrix_xlsx, name="matrix_xlsx"),
    path("matriks/<str:province>/<int:year>/matriks.pdf", matrix.matrix_pdf, name="matrix_pdf"),
    path("pohon/<str:province>/<int:year>/", matrix.tree, name="tree"),
    path("provinsi/<str:province>/<int:year>/", matrix.province_page, name="province"),
    path("kabkota/<str:code>/<int:year>/", matrix.regency_page, name="regency"),
    path("kesepakatan/", agreements.agreement_index, name="agreement_index"),
    path("kesepakatan/<int:meeting_id>/", agreements.agreement_list, name="agreements"),
    path("kesepakatan/<int:meeting_id>/terbitkan/", agreements.agreement_issue, name="agreement_issue"),
    path(
        "kesepakatan/<int:meeting_id>/berita-acara-v<int:version>.pdf",
        agreements.agreement_pdf,
        name="agreement_pdf",
    ),
    path("kesepakatan/<int:meeting_id>/<int:agency_id>/", agreements.agreement_sign, name="agreement_sign"),
    path("realisasi/<int:agency_id>/<int:year>/", realization.agency_realization, name="realization_agency"),
    path(
        "realisasi/<int:agency_id>/<int:year>/impor/",
        realization.realization_import,
        name="realization_import",
    ),
    path(
        "realisasi/<int:agency_id>/<int:year>/templat.xlsx",
        realization.realization_template,
        name="realization_template",
    ),
    path("realisasi/target/<int:pk>/", realization.target_realization, name="realization_report"),
    path("realisasi/bukti/<int:pk>/", realization.evidence, name="realization_evidence"),
    path("realisasi/wilayah/<str:code>/<int:year>/", realization.region_overview, name="realization_region"),
    path("aspirasi/", aspirations.aspiration_list, name="aspirations"),
    path("aspirasi/aspirasi.xlsx", aspirations.aspiration_xlsx, name="aspirations_xlsx"),
    path("aspirasi/baru/", aspirations.aspiration_create, name="aspiration_create"),
    path("aspirasi/<int:pk>/ubah/", aspirations.aspiration_update, name="aspiration_update"),
    path("nomenklatur/", nomenclature.nomenclature_list, name="nomenclature"),
    path("nomenklatur/impor/", nomenclature.nomenclature_import, name="nomenclature_import"),
]
