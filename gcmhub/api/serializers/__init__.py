"""What the API reads and accepts. Reads are plain model serializers; writes are plain
serializers whose validated data the views hand to the services of each app."""
