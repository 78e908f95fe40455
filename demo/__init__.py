"""A demo council, modelled on real council service plans, for trying the product out.

Top of the layers: it builds through the other apps' models and services, and nothing imports it. Its words
are data files (``demo/data/*.json``, read by ``demo.content``); ``demo.builder`` turns them into rows for
the current financial year and ``demo.scale`` copies the council N times over. Run it with
``python manage.py load_demo [--password PW] [--scale N]``.
"""
