from django.urls import path

from minutes import views, views_finalising, views_followup

app_name = "minutes"

urlpatterns = [
    path("", views.minutes_list, name="list"),
    path("<int:meeting_pk>/", views.editor, name="editor"),
    path("<int:meeting_pk>/mulai/", views.start, name="start"),
    path("<int:meeting_pk>/rincian/", views.details, name="details"),
    path("<int:meeting_pk>/catatan/<int:item_pk>/", views.save_note, name="note"),
    path("<int:meeting_pk>/kesimpulan/", views.decision_save, name="decision_add"),
    path("<int:meeting_pk>/kesimpulan/<int:pk>/", views.decision_save, name="decision_update"),
    path("<int:meeting_pk>/kesimpulan/<int:pk>/hapus/", views.decision_delete, name="decision_delete"),
    path("<int:meeting_pk>/tindak-lanjut/", views.action_save, name="action_add"),
    path("<int:meeting_pk>/tindak-lanjut/<int:pk>/", views.action_save, name="action_update"),
    path("<int:meeting_pk>/tindak-lanjut/<int:pk>/hapus/", views.action_delete, name="action_delete"),
    path("<int:meeting_pk>/komentar/", views.comment, name="comment"),
    path("<int:meeting_pk>/ajukan/", views.submit, name="submit"),
    path("<int:meeting_pk>/finalkan/", views_finalising.finalise, name="finalise"),
    path("<int:meeting_pk>/penetapan/", views_finalising.progress, name="finalising"),
    path("<int:meeting_pk>/koreksi/", views.reopen, name="reopen"),
    path("<int:meeting_pk>/terbitkan/", views.publish, name="publish"),
    path("<int:meeting_pk>/versi/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("<int:meeting_pk>/bandingkan/", views.compare, name="compare"),
    path("<int:meeting_pk>/evaluasi-tindak-lanjut/", views_followup.carry_over, name="followup_carry_over"),
    # Follow-up across meetings: coordinators' list and reports, organisers' overview.
    path("tindak-lanjut/", views_followup.my_actions, name="followup_mine"),
    path("tindak-lanjut/rekap/", views_followup.overview, name="followup_overview"),
    path("tindak-lanjut/rekap.xlsx", views_followup.overview_xlsx, name="followup_xlsx"),
    path("tindak-lanjut/<int:pk>/perkembangan/", views_followup.action_detail, name="followup_action"),
    path(
        "tindak-lanjut/<int:pk>/bukti/<int:progress_pk>/",
        views_followup.evidence,
        name="followup_evidence",
    ),
]
