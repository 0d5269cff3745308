/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.emulator.store.ViewDef;

/**
 * The small account the v4 tests share: table People (Ann 30, Bob 12, Cy 45) and view Adults; Name
 * is unique and Code an autonumber, so bulk inserts can fail per item.
 */
final class V4Fixture {
  private V4Fixture() {}

  static void people(CaspioEmulator emulator) {
    emulator
        .store()
        .createTable(
            TableDef.of(
                "People",
                FieldDef.of("Name", FieldType.STRING).withUnique(false),
                FieldDef.of("Age", FieldType.INTEGER),
                FieldDef.of("Code", FieldType.AUTONUMBER)));
    emulator
        .store()
        .createView(
            ViewDef.of("Adults", "People")
                .field("People", "Name")
                .field("People", "Age")
                .where("People.Age >= 18"));
    String[] names = {"Ann", "Bob", "Cy"};
    int[] ages = {30, 12, 45};
    for (int i = 0; i < names.length; i++) {
      emulator
          .store()
          .insert(
              ObjectKind.TABLE,
              "People",
              TestHttp.JSON.createObjectNode().put("Name", names[i]).put("Age", ages[i]));
    }
  }
}
