# No models: post_migrate is sent only to apps with a models module (see apps.py).
