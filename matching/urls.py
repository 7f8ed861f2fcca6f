from django.urls import path

from . import views, views_engagements

app_name = "matching"
urlpatterns = [
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/<slug:answer>/", views.invitation_answer, name="invitation_answer"),
    path("needs/<int:need_pk>/invite/<int:profile_pk>/", views.invitation_create, name="invite"),
    path("engagements/", views_engagements.engagement_list, name="engagements"),
    path("engagements/<int:pk>/", views_engagements.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/<slug:action>/", views_engagements.engagement_move, name="engagement_move"),
    path("matches/<int:pk>/<slug:action>/", views.match_toggle, name="match_toggle"),
]
