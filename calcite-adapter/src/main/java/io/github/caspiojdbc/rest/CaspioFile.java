/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.LocalDateTime;

/**
 * One file of the account's Files area, as {@code GET /v3/files} lists it.
 *
 * @param name the file name with its extension
 * @param externalKey the key its content is read with
 * @param size its size in bytes; null when the reply has none
 * @param contentType its media type, as Caspio stored it
 * @param dateCreated when it was first stored, Caspio's local time; null when the reply has none
 * @param lastModified when it was last written; null when the reply has none
 */
public record CaspioFile(
    String name,
    String externalKey,
    Long size,
    String contentType,
    LocalDateTime dateCreated,
    LocalDateTime lastModified) {}
