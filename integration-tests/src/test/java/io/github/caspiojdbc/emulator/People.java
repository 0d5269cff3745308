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
import io.github.caspiojdbc.it.support.EmulatorFixture;

/**
 * The table People and its view Adults, which the emulator's route tests query, and the small
 * account the v4 tests share.
 */
final class People {
  private People() {}

  /** An empty emulator holding {@link #v4Account}, for one test (an instance field). */
  static EmulatorFixture v4PerTest() {
    return EmulatorFixture.builder().empty().with(People::v4Account).perTest();
  }

  /** People with a password field among plain ones (Name, Age, Secret): the v2/v3 tests' table. */
  static TableDef withSecret() {
    return TableDef.of(
        "People",
        FieldDef.of("Name", FieldType.STRING),
        FieldDef.of("Age", FieldType.INTEGER),
        FieldDef.of("Secret", FieldType.PASSWORD));
  }

  /** The view Adults: Name and Age of the People aged 18 or more. */
  static void adults(CaspioEmulator emulator) {
    emulator
        .store()
        .createView(
            ViewDef.of("Adults", "People")
                .field("People", "Name")
                .field("People", "Age")
                .where("People.Age >= 18"));
  }

  /**
   * The v4 tests' account: People (Ann 30, Bob 12, Cy 45) and Adults; Name is unique and Code an
   * autonumber, so bulk inserts can fail per item.
   */
  static void v4Account(CaspioEmulator emulator) {
    emulator
        .store()
        .createTable(
            TableDef.of(
                "People",
                FieldDef.of("Name", FieldType.STRING).withUnique(false),
                FieldDef.of("Age", FieldType.INTEGER),
                FieldDef.of("Code", FieldType.AUTONUMBER)));
    adults(emulator);
    threeRows(emulator);
  }

  /** Ann 30, Bob 12 and Cy 45 in People, written straight into the store. */
  static void threeRows(CaspioEmulator emulator) {
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
