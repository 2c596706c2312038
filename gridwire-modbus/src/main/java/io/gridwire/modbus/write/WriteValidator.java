package io.gridwire.modbus.write;

import io.gridwire.core.reading.NoDataReason;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.register.FieldType;
import io.gridwire.modbus.register.RegisterField;

/**
 * Checks a register write against the device's profile where the profile describes the
 * register: enum fields accept only listed codes, numeric fields only values their validity
 * rules accept, and a 32-bit field only as a whole. Undescribed registers and coils pass. Pure.
 */
public final class WriteValidator {
  private WriteValidator() {}

  /** @throws IllegalArgumentException naming the field when the write is not acceptable */
  public static void validate(Profile profile, WriteCommand cmd) {
    if (cmd.coils()) return;
    int[] words = cmd.words();
    int start = cmd.request().address();
    java.util.Set<Profile.Located> checked = new java.util.HashSet<>();
    for (int i = 0; i < words.length; i++) {
      for (Profile.Located f : profile.fieldsAt(start + i)) {
        if (!checked.add(f)) continue;
        RegisterField c = f.field().codec();
        int fieldStart = f.start();
        if (fieldStart < start || fieldStart + c.words() > start + words.length) {
          throw new IllegalArgumentException("field '" + c.name() + "' spans registers " + fieldStart + ".." + (fieldStart + c.words() - 1)
              + "; write all of them with function 'registers'");
        }
        check(c, words, fieldStart - start);
      }
    }
  }

  private static void check(RegisterField c, int[] words, int at) {
    if (c.type() == FieldType.ENUM) {
      if (!c.labels().containsKey(words[at])) {
        throw new IllegalArgumentException("value " + words[at] + " is not a code of field '" + c.name() + "' " + c.labels().keySet());
      }
      return;
    }
    if (!c.type().numeric()) return;
    long raw = io.gridwire.modbus.register.Words.integer(c.type(), words, at, c.order());
    NoDataReason bad = c.validity().check(raw);
    if (bad != null) {
      throw new IllegalArgumentException("value " + raw + " is outside the valid range of field '" + c.name() + "' (" + bad.wireName() + ")");
    }
  }
}
