from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_favicon_ico_leads_to_our_svg_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("videoklub/favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("videoklub/favicon.svg")
