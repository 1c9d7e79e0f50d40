from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """The address a login attempt is for, as django-axes counts failures per address.

    Lower-cased, since logging in ignores case: otherwise "An@school.be" and "an@school.be"
    would each get their own allowance of attempts.
    """
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(username).strip().lower()
