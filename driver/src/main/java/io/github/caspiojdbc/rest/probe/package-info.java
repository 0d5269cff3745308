/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The account check of issue 17: probes sent as plain HTTP to an account (or the emulator), each
 * comparing what the driver and emulator expect with what the account answers. Read-only probes
 * always ({@code AccountProbes}, {@code ReplyProbes}); write probes only on a scratch table the
 * user names ({@code ScratchProbes}); every call through {@code ProbeHttp}, which holds the budget,
 * the pacing and the token. It lives under rest because only rest may name API generations and
 * their paths.
 */
package io.github.caspiojdbc.rest.probe;
