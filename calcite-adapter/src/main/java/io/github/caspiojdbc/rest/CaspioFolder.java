/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.LocalDateTime;

/**
 * One folder of the account's Files area, as {@code GET /v3/files/folders} lists it.
 *
 * @param name the folder's name
 * @param externalKey the key that lists its files; the root folder's is the empty string
 * @param dateCreated when it was made, Caspio's local time; null when the reply has none
 */
public record CaspioFolder(String name, String externalKey, LocalDateTime dateCreated) {}
