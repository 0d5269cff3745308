/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The JDBC edge of the driver. {@link io.github.caspiojdbc.jdbc.CaspioProperty} lists every
 * connection property; {@code CaspioUrl} turns a {@code jdbc:caspio:} URL plus {@link
 * java.util.Properties} into one validated, immutable {@code CaspioConfig}, which is all that the
 * layers below ever see.
 */
package io.github.caspiojdbc.jdbc;
