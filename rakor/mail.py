"""E-mail through the task runner, so a slow or unreachable mail server never holds up a request.

Render the message in the request (its language and its objects are at hand there) and hand only
plain strings to the task: task arguments must be JSON-serialisable for the database queue.
"""

import base64

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject, body, to, html_body=None, from_email=None, reply_to=None, attachments=None):
    """Send one e-mail (plain text, optionally with an HTML alternative) to the addresses in ``to``.

    ``attachments``: [filename, base64 text, mimetype] lists (JSON-serialisable, see enqueue_email).
    Runs in the task worker (``manage.py db_worker``) in production, at once in development and tests.
    """
    message = EmailMultiAlternatives(subject, body, from_email, list(to), reply_to=reply_to or None)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, base64.b64decode(content), mimetype)
    message.send()


def enqueue_email(*, subject, body, to, html_body=None, from_email=None, reply_to=None, attachments=None):
    """Queue an e-mail for sending; returns the task result handle.

    ``attachments``: (filename, bytes, mimetype) tuples; carried base64-encoded through the queue.
    """
    return send_email.enqueue(
        subject="".join(subject.splitlines()),  # a header: new lines would break it
        body=body,
        to=list(to),
        html_body=html_body,
        from_email=from_email,
        reply_to=list(reply_to) if reply_to else None,
        attachments=[
            [filename, base64.b64encode(content).decode("ascii"), mimetype]
            for filename, content, mimetype in attachments or ()
        ]
        or None,
    )
