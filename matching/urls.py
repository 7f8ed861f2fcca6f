from django.urls import path

from . import views, views_conversations, views_engagements, views_needs_for_you, views_outcomes

app_name = "matching"
urlpatterns = [
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/conversation/", views_conversations.conversation, name="conversation"),
    path("invitations/<int:pk>/messages/", views_conversations.message_create, name="message_create"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("invitations/<int:pk>/<slug:answer>/", views.invitation_answer, name="invitation_answer"),
    path("messages/<int:pk>/attachment/", views_conversations.message_attachment, name="message_attachment"),
    path("needs/<int:need_pk>/invite/<int:profile_pk>/", views.invitation_create, name="invite"),
    path("specialists/<int:profile_pk>/invite/", views.invitation_from_profile, name="invite_from_profile"),
    path("engagements/", views_engagements.engagement_list, name="engagements"),
    path("engagements/<int:pk>/", views_engagements.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/feedback/", views_outcomes.feedback, name="feedback"),
    path("feedback/<int:pk>/flag/", views_outcomes.feedback_flag, name="feedback_flag"),
    path("checkins/<int:pk>/<slug:answer>/", views_outcomes.checkin_answer, name="checkin_answer"),
    path("engagements/<int:pk>/help/", views_conversations.engagement_help, name="engagement_help"),
    path("engagements/<int:pk>/<slug:action>/", views_engagements.engagement_move, name="engagement_move"),
    path("needs-for-you/", views_needs_for_you.needs_for_you, name="needs_for_you"),
    path("needs-for-you/<int:need_pk>/interest/", views_needs_for_you.interest_toggle, name="interest"),
    path("matches/<int:pk>/<slug:action>/", views.match_toggle, name="match_toggle"),
]
