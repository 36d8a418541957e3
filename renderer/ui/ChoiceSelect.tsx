/**
 * A select among a closed list of choices, each said in words: the budget's settings, a site's
 * kind of server. `none` adds a first choice of nothing (the empty string).
 */
export function ChoiceSelect<C extends string>(props: {
  choices: readonly C[];
  value: C | '';
  words: (choice: C) => string;
  onChange: (choice: C | '') => void;
  none?: string;
  name?: string;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <select name={props.name} data-testid={props.testId} value={props.value} disabled={props.disabled} onChange={(event) => props.onChange(event.target.value as C | '')}>
      {props.none !== undefined && <option value="">{props.none}</option>}
      {props.choices.map((choice) => (
        <option key={choice} value={choice}>
          {props.words(choice)}
        </option>
      ))}
    </select>
  );
}
