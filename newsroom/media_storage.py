"""Where uploaded media live: the local disk, or an S3-compatible bucket (`MEDIA_STORAGE=s3`)
that every app server shares — AWS S3, SeaweedFS, MinIO, Cloudflare R2…

The bucket serves the files to readers itself (public read; the README says how), at stable
addresses: no signed, expiring URLs end up in cached pages. Read by newsroom/settings.py from
the environment; the tests build the same configuration for their own S3 server.
"""

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Under PRIVATE_MEDIA_ROOT, which no URL serves.
PRIVATE_FILESYSTEM = {"BACKEND": "articles.models.importing.PrivateStorage"}


def _connection(environ) -> dict:
    """Where the S3 server is and how to sign in to it."""
    return {
        "endpoint_url": environ.get("S3_ENDPOINT_URL", "").rstrip("/") or None,
        "region_name": environ.get("S3_REGION") or None,
        # From the environment or the machine's role, never from a file of the project.
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": environ.get("S3_ADDRESSING_STYLE") or None,
    }


def s3_storage(environ, *, https: bool) -> tuple[dict, str]:
    """(the STORAGES entry, MEDIA_URL) of the bucket `environ` names."""
    bucket = environ.get("S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET.")
    endpoint = environ.get("S3_ENDPOINT_URL", "").rstrip("/")
    custom_domain = environ.get("S3_CUSTOM_DOMAIN", "").strip("/")
    protocol = "https:" if https else "http:"
    backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            **_connection(environ),
            "custom_domain": custom_domain or None,
            "url_protocol": protocol,
            "querystring_auth": False,
            # A stored file is never replaced: a new upload gets a name of its own, so an
            # address always shows the same bytes and browsers and CDNs may keep it a year.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if custom_domain:  # a CDN in front of the bucket
        media_url = f"{protocol}//{custom_domain}/"
    elif endpoint:  # the server's own address, the bucket in the path
        media_url = f"{endpoint}/{bucket}/"
    else:  # AWS itself
        media_url = f"https://{bucket}.s3.amazonaws.com/"
    return backend, media_url


def media_storage(environ, *, https: bool, media_url: str) -> tuple[dict, str]:
    """(the STORAGES entry for media, MEDIA_URL) that MEDIA_STORAGE chooses."""
    kind = environ.get("MEDIA_STORAGE", "filesystem")
    if kind == "filesystem":
        return FILESYSTEM, media_url
    if kind == "s3":
        return s3_storage(environ, https=https)
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {kind!r}.")


def private_storage(environ) -> dict:
    """The STORAGES entry ("private") for what only the admin reads: the legacy archives
    uploaded for import, full of unpublished texts, kept until imported.

    On the disk by default (PRIVATE_MEDIA_ROOT). With S3_PRIVATE_BUCKET, in that bucket: every
    app server reaches it, which the import pages need as soon as two servers share their
    requests (each step of an import may reach another server). The bucket must not be
    readable anonymously; its objects are written private and no page ever links to them.
    """
    bucket = environ.get("S3_PRIVATE_BUCKET", "")
    if not bucket:
        return PRIVATE_FILESYSTEM
    return {
        "BACKEND": "newsroom.private_bucket.PrivateBucket",
        "OPTIONS": {
            "bucket_name": bucket,
            **_connection(environ),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
