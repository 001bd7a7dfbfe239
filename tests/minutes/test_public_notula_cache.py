from django.urls import reverse

from minutes import services


def test_publishing_and_withdrawing_the_notula_shows_on_a_cached_meeting_page_at_once(
    client, ready, django_capture_on_commit_callbacks
):
    meeting = ready.meeting
    meeting.status = meeting.Status.PUBLISHED
    meeting.save()
    version = services.finalise_minutes(ready, by=None)
    url = reverse("meetings:public", args=[meeting.pk])
    link = reverse("documents:download", args=[version.document.code])
    assert link not in client.get(url).content.decode()  # the page's live rows are now cached

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(ready)
    assert link in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_minutes(ready)
    assert link not in client.get(url).content.decode()
