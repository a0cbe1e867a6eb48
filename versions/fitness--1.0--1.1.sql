-- fitness 1.0 -> 1.1, run by ALTER EXTENSION fitness UPDATE (or UPDATE TO '1.1').
\echo Use "ALTER EXTENSION fitness UPDATE TO '1.1'" to load this file. \quit

-- 1.1 changed the C++ inside the library (one relation plan cache, one way to declare
-- SQL-callable functions) and the layout of the sources, not one SQL object: there is
-- nothing to change in a 1.0 database beyond installing the new library.
--
-- Every later change to the install script's fragments brings its statements here (or to
-- the next version's script); sql/upgrade.sql fails when an updated database and a fresh
-- install differ in their catalogue.
