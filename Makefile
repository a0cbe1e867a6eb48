# fitness: PostgreSQL 15 extension in C++17, built with PGXS.
#   make / make install     build and install the library and the install script
#   make test               build, install and run every suite in a throwaway cluster
#   make installcheck       pg_regress and isolation suites against a running server (SUITES=...)
#   make demo / demo-stop   local demo cluster with sample data (README)
#   make bench              benchmark scenarios against their references
#   make format             clang-format the C++ in place (make test checks it)

EXTENSION  = fitness
MODULE_big = fitness
# The install script of the current version is generated from schema/; the scripts of
# released versions and the update scripts between them are kept in versions/.
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" fitness.control)
# An update script may take in a whole fragment of schema/ (a capability new in that
# version) with a line "-- @fragment <path under schema/>"; it is built into the top folder.
UPDATE_SOURCES := $(wildcard versions/fitness--*--*.sql)
UPDATES_BUILT  := $(notdir $(UPDATE_SOURCES))
DATA_built = fitness--$(EXTVERSION).sql $(UPDATES_BUILT)
DATA       = $(filter-out versions/fitness--$(EXTVERSION).sql $(UPDATE_SOURCES),$(wildcard versions/fitness--*.sql))

SRCS := $(sort $(wildcard src/*.cpp src/*/*.cpp))
OBJS  = $(SRCS:.cpp=.o)

# No REGRESS or ISOLATION list: the suites are found in test/<capability>/ (scripts/run-regress.sh).

PG_CONFIG ?= pg_config

PG_CXXFLAGS = -std=c++17 -fPIC -Wall -Wextra -Werror -Wno-register -Wno-missing-field-initializers \
              -Isrc -isystem $(shell $(PG_CONFIG) --includedir-server)
SHLIB_LINK += -lstdc++ -lcrypto

# No LLVM bitcode: PGXS would compile it with clang, which ignores PG_CXXFLAGS.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The install script is generated from schema/ (single source of truth): the fragments of
# schema/fragments.list, in its order. A .sql file under schema/ that the list misses (or
# names twice) stops the build.
SCHEMA_SOURCES := $(addprefix schema/,$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' schema/fragments.list))
fitness--$(EXTVERSION).sql: schema/fragments.list $(SCHEMA_SOURCES) $(shell find schema -name "*.sql") fitness.control
	@printf '%s\n' $(SCHEMA_SOURCES) | sort -u > $@.listed; \
	  unlisted=$$(find schema -name '*.sql' | sort | comm -23 - $@.listed); rm -f $@.listed; \
	  [ -z "$$unlisted" ] || { echo "schema/fragments.list does not list: $$unlisted" >&2; exit 1; }
	@dups=$$(printf '%s\n' $(SCHEMA_SOURCES) | sort | uniq -d); \
	  [ -z "$$dups" ] || { echo "schema/fragments.list lists twice: $$dups" >&2; exit 1; }
	cat $(SCHEMA_SOURCES) > $@

$(UPDATES_BUILT): fitness--%.sql: versions/fitness--%.sql $(shell find schema -name "*.sql")
	@awk '/^-- @fragment / { f = "schema/" $$3; if ((getline line < f) <= 0) { print "no fragment " f > "/dev/stderr"; exit 1 } \
	  print line; while ((getline line < f) > 0) print line; close(f); next } { print }' $< > $@ || { rm -f $@; exit 1; }

$(OBJS): $(wildcard src/*.hpp src/*/*.hpp)

.PHONY: test installcheck demo demo-stop bench format
test:
	bash scripts/test.sh
# pg_regress and isolation suites against the running server libpq's environment names;
# SUITES=audit (a folder of test/) runs one capability's.
installcheck:
	bash scripts/run-regress.sh $(SUITES)
demo:
	bash scripts/demo.sh start
demo-stop:
	bash scripts/demo.sh stop
bench:
	bash scripts/bench.sh
format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
