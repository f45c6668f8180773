"""The teaching page (``patronage-app``): ``settings`` (what the controls say),
``drawing`` (the figures and words), ``page`` (the Solara components), ``labels``
(English and Bahasa Indonesia) and ``serve`` (the command)."""
