from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from videoklub.accounts import school_login, services, two_factor
from videoklub.accounts.forms import EmailAuthenticationForm, RegistrationForm
from videoklub.accounts.models import User
from videoklub.core.http import AuthenticatedHttpRequest


class LoginView(auth_views.LoginView):
    """The password form, and a button per school sign-in provider when one is configured."""

    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["school_providers"] = school_login.providers()
        return context


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: register a new account, or add the role to the logged-in one."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        status = 404 if error.code == "invalid" else 410
        return render(request, "accounts/invitation_unusable.html", {"error": error}, status=status)

    context: dict = {"invitation": invitation}
    account_exists = User.objects.filter(email__iexact=invitation.email).exists()

    if request.user.is_authenticated:
        context["wrong_user"] = request.user.email.lower() != invitation.email.lower()
        if request.method == "POST" and not context["wrong_user"]:
            services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(
                request,
                _("Welcome! You now take part in %(target)s.") % {"target": invitation.target},
            )
            return redirect("home:home")
        return render(request, "accounts/invitation_accept.html", context)

    if account_exists:
        context["login_needed"] = True
        return render(request, "accounts/invitation_accept.html", context)

    form = RegistrationForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register_from_invitation(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            form.add_error(None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("home:home")
    context["form"] = form
    return render(request, "accounts/invitation_register.html", context)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    two_factor_on = two_factor.totp_device_confirmed(request.user) is not None
    return render(request, "accounts/profile.html", {"two_factor_on": two_factor_on})
