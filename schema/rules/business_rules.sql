-- The catalogue of business rules (src/rules/catalogue.cpp): every rule the server enforces,
-- with the SQLSTATE and the name its violation carries in the error's constraint field.
CREATE FUNCTION fitness.business_rules(OUT rule text, OUT table_name text, OUT sqlstate text,
                                       OUT description text) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'fitness_business_rules'
    LANGUAGE C STABLE PARALLEL SAFE ROWS 40;
COMMENT ON FUNCTION fitness.business_rules() IS
    'The business rules enforced in the server: name (the constraint name of a violation), table (NULL: every table of its kind), SQLSTATE, description';
GRANT EXECUTE ON FUNCTION fitness.business_rules() TO fitness_app, fitness_service, fitness_admin;
