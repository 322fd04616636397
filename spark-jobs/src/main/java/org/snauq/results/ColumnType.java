package org.snauq.results;

/**
 * The four column types of the result tables, with the Java type a row holds for each and the SQL type the
 * readers see: names {@code string}; counts and sample indices {@code bigint}; bin numbers {@code int}; every
 * other number {@code double}. A value that does not apply (the interval of a closed-form row) is null.
 */
public enum ColumnType {
    STRING(String.class, "VARCHAR"),
    DOUBLE(Double.class, "DOUBLE"),
    LONG(Long.class, "BIGINT"),
    INT(Integer.class, "INTEGER");

    private final Class<?> javaType;
    private final String sqlType;

    ColumnType(Class<?> javaType, String sqlType) {
        this.javaType = javaType;
        this.sqlType = sqlType;
    }

    /** The boxed Java type a row holds for this column. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The type DuckDB reports for the column (Spark SQL: string, double, bigint, int). */
    public String sqlType() {
        return sqlType;
    }

    /** Whether {@code value} may stand in a column of this type: null or exactly the boxed Java type. */
    public boolean accepts(Object value) {
        return value == null || javaType.isInstance(value);
    }
}
