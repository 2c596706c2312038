package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.port.HistoryPoint;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NumberTextTest {
  @Test
  void parse_finiteNumbers_numbers() {
    assertThat(NumberText.parse("12.5")).isEqualTo(new Value.Num(12.5));
    assertThat(NumberText.parse("-7")).isEqualTo(new Value.Num(-7));
    assertThat(NumberText.parse("+.5")).isEqualTo(new Value.Num(0.5));
    assertThat(NumberText.parse("1e3")).isEqualTo(new Value.Num(1000));
    assertThat(NumberText.parse("2.")).isEqualTo(new Value.Num(2));
  }

  @Test
  void parse_nonFinite_outOfRangeNeverText() {
    for (String s : new String[] {"1e999", "-1e999", "9".repeat(400), "NaN", "nan", "Inf", "-Inf", "Infinity", "+INFINITY"}) {
      assertThat(NumberText.parse(s)).as(s).isEqualTo(Value.OUT_OF_RANGE);
      assertThat(NumberText.isNonFinite(s)).as(s).isTrue();
    }
  }

  @Test
  void parse_notANumber_null() {
    for (String s : new String[] {"", "abc", "1.2.3", "0x1F", ".", "-", "1e", "e5", " 1", "Infinityx", "12 V"}) {
      assertThat(NumberText.parse(s)).as(s).isNull();
      assertThat(NumberText.isNonFinite(s)).as(s).isFalse();
    }
  }

  @Test
  void isNumber_sameAnswersAsTheGrammarAsARegularExpression() {
    // the grammar of the class comment as a regular expression, the form it had before the hand-written check
    java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    String alphabet = "0123456789+-.eEx ";
    java.util.Random rnd = new java.util.Random(42);
    int numbers = 0;
    for (int k = 0; k < 200_000; k++) {
      StringBuilder b = new StringBuilder();
      for (int len = rnd.nextInt(7); len > 0; len--) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      String s = b.toString();
      boolean expected = grammar.matcher(s).matches();
      assertThat(NumberText.isNumber(s)).as("'%s'", s).isEqualTo(expected);
      if (expected) numbers++;
    }
    assertThat(numbers).as("the random texts include numbers of every form").isGreaterThan(5_000);
    for (String s : new String[] {"1.e5", ".5e-3", "+0", "-.0E+7", "007", "1.e", ".e5", "e", "+.", "1e+", "١"}) {
      assertThat(NumberText.isNumber(s)).as(s).isEqualTo(grammar.matcher(s).matches());
    }
  }

  @Test
  void valueOf_nonFiniteDouble_outOfRange() {
    assertThat(Value.of(Double.NaN)).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(Value.of(Double.POSITIVE_INFINITY)).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(Value.of(Double.NEGATIVE_INFINITY)).isEqualTo(Value.OUT_OF_RANGE);
    assertThat(Value.of(Double.MAX_VALUE)).isEqualTo(new Value.Num(Double.MAX_VALUE));
  }

  @Test
  void num_nonFinite_refused() {
    assertThatThrownBy(() -> new Value.Num(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Value.Num(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readingBuilder_putOverflow_outOfRange() {
    Reading r = Reading.builder("d", Instant.EPOCH, Instant.EPOCH).put("p", Double.MAX_VALUE * 10).build();
    assertThat(r.values().get("p")).isEqualTo(Value.OUT_OF_RANGE);
  }

  @Test
  void historyPoint_nonFiniteAggregate_null() {
    HistoryPoint p = new HistoryPoint(Instant.EPOCH, Double.POSITIVE_INFINITY, 1.0, Double.NaN, 2, null);
    assertThat(p.avg()).isNull();
    assertThat(p.min()).isEqualTo(1.0);
    assertThat(p.max()).isNull();
  }
}
