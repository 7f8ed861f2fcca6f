from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/<slug:answer>/", views.invitation_answer, name="invitation_answer"),
    path("needs/<int:need_pk>/invite/<int:profile_pk>/", views.invitation_create, name="invite"),
    path("matches/<int:pk>/<slug:action>/", views.match_toggle, name="match_toggle"),
]
