import { Arg, Int, Query, Resolver } from 'type-graphql';
import { Public } from '../../graphql/access';
import { RARE_CHARACTERS_DEFAULT, RareCharacterService, type RareCharacter } from './rare-character.service';
import { RareCharacterType } from './rare-character.types';

/** One service per process: its answer cache and the Unihan index behind it are shared by every request. */
const sharedRareCharacters = new RareCharacterService();

@Resolver()
export class CharsetResolver {
  constructor(private readonly characters: RareCharacterService = sharedRareCharacters) {}

  @Query(() => [RareCharacterType], {
    description:
      '生僻字 search for name fields (public): pinyin ("yan", "yan3", "yǎn"), radical + residual strokes ("女+3", "氵+"), ' +
      'or code points / pasted characters ("U+2EBF0", "2EBF0", "䶮"). Rare characters first; at most 200.',
  })
  @Public('the 生僻字 picker of the 注册 and 找回密码 forms, used before anyone is signed in; public Unicode data only')
  rareCharacters(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: RARE_CHARACTERS_DEFAULT }) first: number | null,
  ): Promise<RareCharacter[]> {
    return this.characters.search(query, first ?? RARE_CHARACTERS_DEFAULT);
  }
}
