"""A demo council, modelled on real council service plans, for trying the product out.

``content`` holds the words (units, officers, priorities, plans, objectives, tasks, indicators) as plain
data; ``builder`` turns them into rows for the current financial year. Run it with
``python manage.py load_demo``.
"""
