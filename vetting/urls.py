from django.urls import path

from . import views

app_name = "vetting"

urlpatterns = [
    path("selection/", views.selection, name="selection"),
    path("apply/", views.my_applications, name="my_applications"),
    path("apply/to/<slug:slug>/", views.apply, name="apply"),
    path("apply/<int:pk>/", views.application_detail, name="application_detail"),
    path("apply/<int:pk>/test/", views.attempt_start, name="attempt_start"),
    path("apply/<int:pk>/work/", views.work_submit, name="work_submit"),
    path("apply/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("apply/test/<int:pk>/", views.attempt, name="attempt"),
    path("apply/work/<int:pk>/file/", views.submission_file, name="submission_file"),
]
