from rakor.qr import make_qr


def test_check_in_codes_get_a_regular_qr_code_that_cameras_can_read():
    # segno would pick a Micro QR for an 8-character code; jsQR and phone cameras cannot read those.
    code = make_qr("ABCD2345")
    assert not code.is_micro
    assert code.version >= 1
