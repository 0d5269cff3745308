/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FileArea;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.rest.ApiVersion;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.CaspioFile;
import io.github.caspiojdbc.rest.CaspioFolder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST client's Files calls against the emulator: paging, bytes, limits and errors. */
class FilesApiTest {
  @RegisterExtension final EmulatorFixture fixture = EmulatorFixture.builder().perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final FileArea area = emulator.store().files();

  private List<LoggedCall> fileCalls() {
    return fixture.calls(PathKind.FILES);
  }

  @Test
  void listFiles_moreThanOnePage_readsEveryPageOnV3EvenOnAV2Connection() {
    for (int i = 0; i < 1001; i++) {
      area.addText(FileArea.ROOT, String.format("n%04d.txt", i), "x");
    }
    try (CaspioApi api = EmulatorFixture.api(emulator, ApiVersion.V2)) {
      List<CaspioFile> files = api.listFiles("");
      assertEquals(1003, files.size());
      assertEquals("logo.png", files.get(0).name());
      assertEquals(67L, files.get(0).size());
      assertEquals("image/png", files.get(0).contentType());
    }
    List<LoggedCall> calls = fileCalls();
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.stream().allMatch(c -> c.path().startsWith("/integrations/rest/v3/files")));
    assertEquals("2", calls.get(1).queryParam("pageNumber"));
  }

  @Test
  void listFolders_rootAndNested() {
    try (CaspioApi api = EmulatorFixture.api(emulator)) {
      List<CaspioFolder> root = api.listFolders("");
      assertEquals(List.of("Images", "Invoices"), root.stream().map(CaspioFolder::name).toList());
      List<CaspioFolder> sub = api.listFolders(root.get(1).externalKey());
      assertEquals("Archive", sub.get(0).name());
      CaspioException e =
          assertThrows(CaspioException.class, () -> api.listFiles("no-such-folder"));
      assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    }
  }

  @Test
  void fileContent_exactBytes_limitAndMissingKey() {
    FileArea.StoredFile png = area.files(FileArea.ROOT).get(0);
    try (CaspioApi api = EmulatorFixture.api(emulator)) {
      assertArrayEquals(png.bytes(), api.fileContent(png.externalKey(), CaspioApi.MAX_FILE_BYTES));
      assertArrayEquals(png.bytes(), api.fileContent(png.externalKey(), 67));
      CaspioException big =
          assertThrows(CaspioException.class, () -> api.fileContent(png.externalKey(), 66));
      assertEquals(ErrorKind.TOO_LONG, big.kind());
      CaspioException missing =
          assertThrows(CaspioException.class, () -> api.fileContent("nope", 100));
      assertEquals(ErrorKind.INVALID_PARAMETER, missing.kind());
      assertEquals(404, missing.httpStatus());
      assertEquals("FileNotFound", missing.caspioCode());
      CaspioException blank = assertThrows(CaspioException.class, () -> api.fileContent(" ", 100));
      assertEquals(ErrorKind.INVALID_PARAMETER, blank.kind());
      assertEquals(4, api.stats().calls(), "four reads sent and counted, the blank key none");
    }
    assertEquals(4, fileCalls().size());
  }

  @Test
  void deleteFile_once_thenUnknown() {
    FileArea.StoredFile readme = area.files(FileArea.ROOT).get(1);
    try (CaspioApi api = EmulatorFixture.api(emulator, ApiVersion.V2)) {
      api.deleteFile(readme.externalKey());
      assertEquals(List.of("logo.png"), api.listFiles("").stream().map(CaspioFile::name).toList());
      CaspioException again =
          assertThrows(CaspioException.class, () -> api.deleteFile(readme.externalKey()));
      assertEquals(ErrorKind.INVALID_PARAMETER, again.kind());
      assertEquals("FileNotFound", again.caspioCode());
      assertThrows(CaspioException.class, () -> api.deleteFile(""));
    }
    List<LoggedCall> calls = fileCalls();
    assertEquals(
        List.of("DELETE", "GET", "DELETE"), calls.stream().map(LoggedCall::method).toList());
    assertEquals(List.of(204, 200, 404), calls.stream().map(LoggedCall::status).toList());
  }
}
