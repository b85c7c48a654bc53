from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("styles/<str:name>.css", views.stylesheet, name="stylesheet"),
    path("favicon.ico", views.favicon, name="favicon"),
]
