/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The {@code caspio-sql} shell: {@link io.github.caspiojdbc.shell.CaspioShell} runs sqlline with
 * the Caspio driver, against a real account or, with no URL, against the bundled emulator filled
 * with sample data. It lives next to the emulator because it starts one in-process.
 */
package io.github.caspiojdbc.shell;
