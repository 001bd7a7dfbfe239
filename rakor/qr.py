import segno


def make_qr(text):
    """A regular QR code for ``text``.

    segno picks a Micro QR for short texts such as check-in codes, which jsQR and most phone cameras
    cannot read; every QR code we print or show must be a regular one.
    """
    return segno.make(text, error="m", micro=False)
