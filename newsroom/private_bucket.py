"""The bucket of files only the admin reads (S3_PRIVATE_BUCKET, newsroom/media_storage.py)."""

from storages.backends.s3 import S3Storage


class PrivateBucket(S3Storage):
    """Objects written private, and no address to give out: even a signed one would let
    anyone holding it read unpublished texts for as long as it lasts."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL.")
