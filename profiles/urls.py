from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("specialists/", views.catalogue, name="catalogue"),
    path("specialists/<int:pk>/", views.detail, name="detail"),
    path("my-profile/", views.mine, name="mine"),
    path("my-profile/edit/", views.edit, name="edit"),
    path("my-profile/edit/experience-form/", views.experience_form, name="experience_form"),
    path("my-profile/publication/", views.publish, name="publish"),
]
