from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from videoklub.accounts import school_login_views, two_factor_views, views
from videoklub.accounts.forms import PasswordChangeForm, PasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("aanmelden/", views.LoginView.as_view(), name="login"),
    # Sign in with the school's account (OpenID Connect); 404 while it is not configured.
    path("aanmelden/schoolaccount/", school_login_views.callback, name="school_login_callback"),
    path("aanmelden/schoolaccount/<slug:provider>/", school_login_views.start, name="school_login"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("profiel/", views.profile, name="profile"),
    path("tweestapsverificatie/", two_factor_views.setup, name="two_factor"),
    path("tweestapsverificatie/code/", two_factor_views.verify, name="two_factor_verify"),
    path(
        "tweestapsverificatie/uitschakelen/",
        two_factor_views.disable,
        name="two_factor_disable",
    ),
    path(
        "wachtwoord/wijzigen/",
        auth_views.PasswordChangeView.as_view(
            form_class=PasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord/vergeten/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
]
