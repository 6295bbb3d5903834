#!/bin/sh
# Replaces the generated canister and its test by another canister class written in the docs' style
# (and a test of it); the generated pom.xml is left as it is.
set -e
cp ../drop/Backend.java src/main/java/com/example/Backend.java
cp ../drop/BackendTest.java src/test/java/com/example/BackendTest.java
