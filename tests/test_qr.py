import base64

from rakor.qr import make_qr, qr_png, qr_png_data_uri, qr_svg_data_uri


def test_check_in_codes_get_a_regular_qr_code_that_cameras_can_read():
    # segno would pick a Micro QR for an 8-character code; jsQR and phone cameras cannot read those.
    code = make_qr("ABCD2345")
    assert not code.is_micro
    assert code.version >= 1


def test_pdfs_get_an_svg_data_uri_and_pages_a_png_one():
    svg = qr_svg_data_uri("https://rakor.example/v/ABCD2345/")
    png = qr_png_data_uri("ABCD2345")

    assert svg.startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(svg.split(",", 1)[1])
    assert png.startswith("data:image/png;base64,")
    assert base64.b64decode(png.split(",", 1)[1])[:8] == qr_png("ABCD2345")[:8] == b"\x89PNG\r\n\x1a\n"
